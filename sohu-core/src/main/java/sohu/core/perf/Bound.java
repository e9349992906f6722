package sohu.core.perf;

/** Which roofline term limits a step. */
public enum Bound {
    COMPUTE,
    MEMORY
}
