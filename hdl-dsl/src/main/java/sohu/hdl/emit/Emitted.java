package sohu.hdl.emit;

import java.nio.file.Path;
import java.util.List;
import sohu.hdl.ir.Port;

/**
 * What {@link OutputWriter} wrote: the folder, the SystemVerilog files in dependency
 * order (top last), the filelist, the manifest and the top module's ports.
 */
public record Emitted(Path dir, String top, List<Path> svFiles, Path filelist, Path manifest, List<Port> topPorts,
                      long lines) { }
