# Checks the #include graph of core/, traces/ and sim/ against the layers
# (docs/architecture.md). Run as
#   cmake -DSRC=<source root> -P include_graph.cmake
# It fails, naming file:line, when a source includes a header of a layer it
# may not see, includes a project header by any path other than its path
# from the root, or includes a store library (SQLite, Jansson) below
# traces/. The build enforces the layer rule too (cmake/layers.cmake); this
# test also covers headers no target compiles and says which rule broke.
#
# Layers, lowest first, and what each may include:
#   base    core/alloc.*, core/strbuf.*, core/asan.h   base
#   num     core/num/                     base num
#   core    core/ (the rest)              base num core
#   lang    core/lang/                    base num core lang
#   traces  traces/                       base num core traces
#   sim     sim/                          everything
cmake_minimum_required(VERSION 3.25)
if(NOT SRC)
  message(FATAL_ERROR "usage: cmake -DSRC=<source root> -P include_graph.cmake")
endif()

set(allowed_base base)
set(allowed_num base num)
set(allowed_core base num core)
set(allowed_lang base num core lang)
set(allowed_traces base num core traces)
set(allowed_sim base num core lang traces sim)

# The layer of a path relative to the root, or "" outside the layers.
function(layer_of path out)
  if(path MATCHES "^core/(alloc|strbuf|asan)\\.[ch]$")
    set(l base)
  elseif(path MATCHES "^core/num/")
    set(l num)
  elseif(path MATCHES "^core/lang/")
    set(l lang)
  elseif(path MATCHES "^core/")
    set(l core)
  elseif(path MATCHES "^traces/")
    set(l traces)
  elseif(path MATCHES "^sim/")
    set(l sim)
  else()
    set(l "")
  endif()
  set(${out} "${l}" PARENT_SCOPE)
endfunction()

file(GLOB_RECURSE files RELATIVE ${SRC}
  ${SRC}/core/*.c ${SRC}/core/*.h ${SRC}/traces/*.c ${SRC}/traces/*.h
  ${SRC}/sim/*.c ${SRC}/sim/*.h)
list(SORT files)

set(violations "")
set(nfiles 0)
set(nedges 0)
foreach(f IN LISTS files)
  layer_of(${f} from)
  math(EXPR nfiles "${nfiles} + 1")
  file(STRINGS ${SRC}/${f} lines)
  set(lineno 0)
  foreach(line IN LISTS lines)
    math(EXPR lineno "${lineno} + 1")
    if(line MATCHES "^[ \t]*#[ \t]*include[ \t]*\"([^\"]+)\"")
      set(inc ${CMAKE_MATCH_1})
      math(EXPR nedges "${nedges} + 1")
      layer_of(${inc} to)
      if(NOT EXISTS ${SRC}/${inc})
        list(APPEND violations
          "${f}:${lineno}: \"${inc}\" is not a path from the source root")
      elseif(to STREQUAL "")
        list(APPEND violations
          "${f}:${lineno}: ${from} -> \"${inc}\", a header outside the layers")
      elseif(NOT to IN_LIST allowed_${from})
        list(APPEND violations
          "${f}:${lineno}: ${from} -> ${to} (\"${inc}\"): ${from} may include only: ${allowed_${from}}")
      endif()
    elseif(line MATCHES "^[ \t]*#[ \t]*include[ \t]*<(sqlite3|jansson)\\.h>")
      if(NOT from STREQUAL "traces" AND NOT from STREQUAL "sim")
        list(APPEND violations
          "${f}:${lineno}: ${from} includes <${CMAKE_MATCH_1}.h>: only traces/ and sim/ use the store libraries")
      endif()
    endif()
  endforeach()
endforeach()

# An empty tree would pass vacuously: a wrong SRC must fail instead.
if(nfiles LESS 10 OR nedges LESS 10)
  message(FATAL_ERROR "include graph: only ${nfiles} files and ${nedges} includes under ${SRC}")
endif()
list(LENGTH violations nviolations)
if(nviolations GREATER 0)
  list(JOIN violations "\n" text)
  message(FATAL_ERROR "include graph: ${nviolations} violation(s):\n${text}")
endif()
message(STATUS "include graph: ${nfiles} files, ${nedges} includes, all within their layers")
