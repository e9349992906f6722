package sohu.verilator;

/**
 * The plain-C function table every design library exports (as {@code sohu_sim_api()}) and the
 * dispatcher calls. Both C++ sources embed {@link #STRUCT}; bump {@link #VERSION} on any change.
 */
final class NativeAbi {
    private NativeAbi() {}

    static final int VERSION = 2;

    /** Flag set in {@code step}'s result when the design ran {@code $finish}. */
    static final long FINISHED = 1L << 62;

    static final String STRUCT = """
            #define SOHU_ABI_VERSION %d
            extern "C" {
            struct SohuSimApi {
                int32_t abi;
                const char* ports;  // "name width dir\\n" per port, in index order
                void* (*create)(int32_t argc, const char** argv, char* err, int32_t errLen);
                void (*destroy)(void* h);
                void* (*port)(void* h, int32_t idx, int32_t* bytes);
                int32_t (*set_clock)(void* h, int32_t idx);
                int64_t (*step)(void* h, int64_t n);  // n; done|1<<62 after $finish; -1-done on error
                int32_t (*eval)(void* h);             // 0, or -1 on error
                int32_t (*finished)(void* h);
                const char* (*error)(void* h);
                int32_t (*trace_open)(void* h, const char* path);
                void (*trace_flush)(void* h);
                void (*trace_close)(void* h);
                int32_t (*peek_internal)(void* h, const char* name, uint32_t* words, int32_t maxWords);
                // Ring of the last 'depth' cycles: each row is the int64 cycle number then every port's bytes.
                void (*set_history)(void* h, int32_t depth);
                int32_t (*history)(void* h, uint8_t* out, int32_t cap);  // rows oldest first; returns bytes
            };
            }
            """.formatted(VERSION);
}
