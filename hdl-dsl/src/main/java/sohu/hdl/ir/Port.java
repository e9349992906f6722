package sohu.hdl.ir;

/** A module port. */
public record Port(String name, Direction dir, int width, boolean signed, SourceLoc loc) {
    /** Port direction. */
    public enum Direction { INPUT, OUTPUT }

    /** Whether this is an input. */
    public boolean isInput() {
        return dir == Direction.INPUT;
    }
}
