package sohu.verilator;

/** Waveform format compiled into a simulation ({@code NONE}: tracing not compiled in, zero cost). */
public enum WaveFormat {
    NONE, VCD, FST;

    /** File extension of this format, without the dot. */
    public String extension() {
        return this == FST ? "fst" : "vcd";
    }
}
