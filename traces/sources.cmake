# Sources of traces/ (listed explicitly).
