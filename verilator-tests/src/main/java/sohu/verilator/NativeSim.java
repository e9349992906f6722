package sohu.verilator;

import java.nio.ByteBuffer;

/**
 * JNI entry points, all implemented by the {@link DispatcherLibrary}. Handles: {@code api} is a
 * design library's function table, {@code inst} one model instance. Not for use outside the bridge.
 */
final class NativeSim {
    private NativeSim() {}

    static {
        DispatcherLibrary.load();
    }

    static native long open(String libraryPath);

    static native String portSpec(long api);

    static native long create(long api, String[] args);

    static native void destroy(long inst);

    static native ByteBuffer portBuffer(long inst, int port);

    static native int setClock(long inst, int port);

    static native long step(long inst, long cycles);

    static native int eval(long inst);

    static native boolean finished(long inst);

    static native String error(long inst);

    static native int traceOpen(long inst, String path);

    static native void traceFlush(long inst);

    static native void traceClose(long inst);

    static native int peekInternal(long inst, String name, int[] words);

    static native void setHistory(long inst, int depth);

    static native byte[] history(long inst);
}
