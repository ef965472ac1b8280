# Layer include trees: an upward #include is a compile error.
#
# Every source includes by its path from the repository root
# ("core/lang/vm.h"). Instead of the root, a layer's library gets
# ${PROJECT_BINARY_DIR}/layers/<layer>/ on its include path: a tree of
# symbolic links to its own headers (or folders) at the same relative
# paths. Linking a lower layer PUBLIC adds that layer's tree too, so
# core/lang/*.c can include core/*.h but core/*.c cannot include
# core/lang/*.h or traces/*.h: those headers are in no tree it sees.
# (A quoted include is first looked up beside the including file; a root
# path such as "core/lang/vm.h" never resolves there.)

# Entries of the core layer: its headers (core/*.h, globbed so a new
# header needs no list edit) and its sub-folders other than the layers
# core/lang (above it) and core/num (below it), e.g. core/io/.
file(GLOB _sl_core_headers CONFIGURE_DEPENDS RELATIVE ${PROJECT_SOURCE_DIR}
  ${PROJECT_SOURCE_DIR}/core/*.h)
file(GLOB _sl_core_children LIST_DIRECTORIES true CONFIGURE_DEPENDS
  RELATIVE ${PROJECT_SOURCE_DIR} ${PROJECT_SOURCE_DIR}/core/*)
set(SL_CORE_LAYER_ENTRIES ${_sl_core_headers})
foreach(_sl_child IN LISTS _sl_core_children)
  if(IS_DIRECTORY ${PROJECT_SOURCE_DIR}/${_sl_child}
     AND NOT _sl_child STREQUAL "core/lang" AND NOT _sl_child STREQUAL "core/num")
    list(APPEND SL_CORE_LAYER_ENTRIES ${_sl_child})
  endif()
endforeach()
list(REMOVE_ITEM SL_CORE_LAYER_ENTRIES core/alloc.h core/asan.h core/strbuf.h)

# sl_layer(<target> <layer> <entry>...): builds the link tree of <layer>
# from <entry> (files or folders, relative to the source root) and puts it
# on <target>'s PUBLIC include path. Warnings stay PRIVATE.
function(sl_layer target layer)
  set(root ${PROJECT_BINARY_DIR}/layers/${layer})
  file(REMOVE_RECURSE ${root})
  foreach(entry IN LISTS ARGN)
    get_filename_component(parent ${root}/${entry} DIRECTORY)
    file(MAKE_DIRECTORY ${parent})
    file(CREATE_LINK ${PROJECT_SOURCE_DIR}/${entry} ${root}/${entry} SYMBOLIC)
  endforeach()
  target_include_directories(${target} PUBLIC $<BUILD_INTERFACE:${root}>)
  target_link_libraries(${target} PRIVATE $<BUILD_INTERFACE:sl_warnings>)
endfunction()
