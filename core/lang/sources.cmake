# Sources of core/lang/ (listed explicitly).
