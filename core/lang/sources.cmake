# Sources of core/lang/ (listed explicitly).
list(APPEND SL_LANG_SOURCES
  core/lang/ast.c
  core/lang/diag.c
  core/lang/dump.c
  core/lang/lexer.c
  core/lang/lexer_decode.c
  core/lang/parser.c
  core/lang/parser_expr.c
  core/lang/parser_fstring.c
  core/lang/parser_params.c
  core/lang/parser_target.c
  core/lang/parser_stmt.c
  core/lang/parser_match.c
)
list(APPEND SL_LANG_SOURCES core/lang/asyncio_sync.c)
# Value semantics: operators, iteration, methods, format, builtins.
list(APPEND SL_LANG_SOURCES core/lang/ops.c core/lang/ops_num.c core/lang/ops_long.c core/lang/ops_int_bytes.c core/lang/ops_seq.c core/lang/bytearray.c core/lang/memoryview.c core/lang/iter.c core/lang/iter_call.c core/lang/value.c core/lang/methods_coll.c core/lang/methods_hash.c core/lang/methods_str.c core/lang/methods_str_case.c core/lang/methods_str_translate.c core/lang/methods_bytes.c core/lang/format.c core/lang/builtins.c core/lang/builtins_types.c core/lang/builtins_async.c core/lang/builtins_obj.c core/lang/builtins_names.c core/lang/builtins_print.c)
# The compiler, the VM and the asyncio module binding.
list(APPEND SL_LANG_SOURCES
  core/lang/code.c
  core/lang/compile.c
  core/lang/compile_expr.c
  core/lang/compile_scope.c
  core/lang/compile_stmt.c
  core/lang/compile_match.c
  core/lang/compile_stream.c
  core/lang/compile_stack.c
  core/lang/namemap.c
  core/lang/func.c
  core/lang/vm.c
  core/lang/vm_class.c
  core/lang/vm_meta.c
  core/lang/vm_lifecycle.c
  core/lang/vm_typeops.c
  core/lang/vm_descr.c
  core/lang/vm_frameobj.c
  core/lang/vm_attr.c
  core/lang/vm_with.c
  core/lang/vm_dunder.c
  core/lang/vm_native.c
  core/lang/vm_builtin_sub.c
  core/lang/vm_builtin_imm.c
  core/lang/range_big.c
  core/lang/vm_match.c
  core/lang/usermod.c
  core/lang/descr.c
  core/lang/vm_coro.c
  core/lang/vm_gen.c core/lang/vm_awaititer.c
  core/lang/vm_agen.c
  core/lang/vm_exc.c
  core/lang/exc_struct.c
  core/lang/codec_narrow.c
  core/lang/vm_star.c
  core/lang/vm_module.c
  core/lang/asyncio_mod.c
  core/lang/asyncio_wrap.c
  core/lang/asyncio_objs.c
  core/lang/asyncio_futobj.c
  core/lang/asyncio_stack.c
  core/lang/asyncio_handler.c
  core/lang/socket_mod.c
  core/lang/io_loop.c
  core/lang/io_transport.c
  core/lang/io_resolve.c
  core/lang/io_server.c
  core/lang/io_serverobj.c
  core/lang/io_stream_reader.c
  core/lang/io_streams.c
  core/lang/asyncio_protocols.c
  core/lang/asyncio_loop.c
  core/lang/asyncio_threads.c
  core/lang/asyncio_runner.c
)
# Standard modules on the simulated environment (core/lang/modules/stdmod.h).
list(APPEND SL_LANG_SOURCES
  core/lang/modules/stdmod.c
  core/lang/modules/mt19937.c
  core/lang/modules/sha512.c
  core/lang/modules/mod_random.c
  core/lang/modules/mod_random_seq.c
  core/lang/modules/mod_time.c
  core/lang/modules/mod_logging.c
  core/lang/modules/mod_logging_handler.c
  core/lang/modules/mod_logging_record.c
  core/lang/modules/mod_contextlib.c
  core/lang/modules/mod_contextlib_redirect.c
  core/lang/modules/mod_contextlib_stack.c
  core/lang/modules/mod_sys.c
  core/lang/modules/mod_typing.c
  core/lang/modules/mod_dataclasses.c
  core/lang/modules/mod_dataclasses_gen.c
  core/lang/modules/mod_enum.c
  core/lang/modules/mod_enum_class.c
  core/lang/modules/mod_enum_flag.c
  core/lang/modules/mod_io.c
  core/lang/modules/mod_future.c
  core/lang/modules/mod_concurrent.c
  core/lang/modules/mod_gc.c
  core/lang/modules/mod_errno.c
  core/lang/modules/mod_keyword.c
  core/lang/modules/mod_inspect.c
  core/lang/modules/mod_inspect_sig.c
  core/lang/modules/mod_warnings.c
  core/lang/modules/mod_weakref.c
  core/lang/modules/mod_mappingproxy.c
  core/lang/modules/mod_argparse.c
  core/lang/modules/mod_argparse_help.c
  core/lang/modules/mod_argparse_objs.c
  core/lang/modules/mod_argparse_parse.c
  core/lang/modules/mod_argparse_values.c
  core/lang/modules/mod_asyncio_sub.c
  # stdlib worktree: the pure standard modules (keep together)
  core/lang/modules/mod_collections.c
  core/lang/modules/mod_collections_chainmap.c
  core/lang/modules/mod_collections_views.c
  core/lang/modules/mod_collections_deque.c
  core/lang/modules/mod_collections_nt.c
  core/lang/modules/mod_collections_abc.c
  core/lang/modules/mod_collections_abc_mix.c
  core/lang/modules/mod_collections_abc_set.c
  core/lang/modules/mod_os_path.c
  core/lang/modules/mod_types.c
  core/lang/modules/mod_functools.c
  core/lang/modules/mod_functools_dispatch.c
  core/lang/modules/mod_functools_keys.c
  core/lang/modules/mod_heapq.c
  core/lang/modules/mod_abc.c
  core/lang/modules/mod_itertools.c
  core/lang/modules/mod_itertools_next.c
  core/lang/modules/mod_itertools_tee.c
  core/lang/modules/mod_json.c
  core/lang/modules/mod_math.c
  core/lang/modules/mod_operator.c
  core/lang/modules/mod_statistics.c
  # end of the stdlib worktree's modules
  # datetime worktree
  core/lang/modules/mod_datetime.c
  core/lang/modules/mod_datetime_date.c
  core/lang/modules/mod_datetime_tt.c
  core/lang/modules/mod_datetime_strptime.c
  core/lang/modules/mod_datetime_delta.c
  core/lang/modules/mod_datetime_dt.c
  core/lang/modules/mod_datetime_fmt.c
  core/lang/modules/mod_datetime_tz.c
  core/lang/modules/mod_contextvars.c
)
# The eval loop ends each opcode's body with its own indirect jump
# (computed goto, vm.c); gcc's cross-jumping would merge those identical
# tails back into a few shared jumps, which predict worse and cost a jump
# more per instruction.
if(CMAKE_C_COMPILER_ID STREQUAL "GNU")
  set_source_files_properties(core/lang/vm.c PROPERTIES COMPILE_OPTIONS "-fno-crossjumping")
endif()
