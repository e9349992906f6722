package sohu.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import sohu.core.mem.DmaDescriptor;
import sohu.core.mem.DmaFormat;
import sohu.core.mem.DmaStatus;
import sohu.core.mem.rtl.DmaConfig;
import sohu.core.mem.rtl.DmaEngine;
import sohu.hdl.Elaborator;
import sohu.hdl.HwType;

/** {@code sohu generate dma}: the DMA engine (AXI4 master to HBM, SRAM port) as a standalone design. */
@Command(name = "dma", mixinStandardHelpOptions = true,
        description = {"Writes the DMA engine: descriptors in (desc_*), completions out (done_*), a full AXI4 master "
                + "(m_axi_*) and the SRAM port (sram_*). The manifest documents the descriptor and status formats.",
            "The files go straight into the output folder (not a subfolder)."})
public final class GenerateDmaCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    GenerateOptions options;

    @Option(names = "--data-bits", paramLabel = "N", defaultValue = "64",
            description = "AXI and SRAM data width, a power of two 64..1024 (default: ${DEFAULT-VALUE}).")
    int dataBits;

    @Option(names = "--addr-bits", paramLabel = "N", defaultValue = "32",
            description = "AXI address width, 32..48 (default: ${DEFAULT-VALUE}).")
    int addrBits;

    @Option(names = "--id-bits", paramLabel = "N", defaultValue = "4",
            description = "AXI ID width, 1..8 (default: ${DEFAULT-VALUE}).")
    int idBits;

    @Option(names = "--bursts", paramLabel = "N", defaultValue = "8",
            description = "Bursts in flight per direction, 1..64 (default: ${DEFAULT-VALUE}).")
    int bursts;

    @Option(names = "--max-burst", paramLabel = "BEATS", defaultValue = "256",
            description = "Beats per burst at most, 1..256 (default: ${DEFAULT-VALUE}).")
    int maxBurst;

    @Option(names = "--buffer", paramLabel = "BEATS", defaultValue = "2048",
            description = "Bus words of the read buffer, a power of two >= --max-burst (default: ${DEFAULT-VALUE}).")
    int buffer;

    @Option(names = "--sram-bits", paramLabel = "N", defaultValue = "20",
            description = "Byte address width of the SRAM space (default: ${DEFAULT-VALUE}).")
    int sramBits;

    @Override
    public Integer call() {
        DmaConfig c;
        try {
            c = new DmaConfig(dataBits, addrBits, idBits, bursts, bursts, maxBurst, buffer, sramBits);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage().replace("DMA dataBits", "--data-bits")
                    .replace("DMA addrBits", "--addr-bits").replace("DMA idBits", "--id-bits")
                    .replace("DMA readBursts", "--bursts").replace("DMA maxBurst", "--max-burst")
                    .replace("DMA bufferBeats", "--buffer").replace("DMA sramBits", "--sram-bits"));
        }
        DesignOutput.Written w = DesignOutput.writeOne(new DesignOutput.Design("dma",
                Elaborator.elaborate(DmaEngine.class, c), attributes(c)), options.out(), options);
        spec.commandLine().getOut().println("  " + w.summary());
        spec.commandLine().getOut().println("Wrote the DMA engine, " + dataBits + "-bit AXI4, " + bursts
                + " bursts in flight each way (" + options.describe() + ") into " + w.dir());
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The engine's parameters and its stream formats for the manifest. */
    static Map<String, Object> attributes(DmaConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "dma");
        m.putAll(c.attributes());
        m.put("descriptor_format", fields(DmaFormat.descriptor()));
        m.put("status_format", fields(DmaFormat.status()));
        List<String> dirs = new ArrayList<>();
        for (DmaDescriptor.Direction d : DmaDescriptor.Direction.values()) {
            dirs.add(d.ordinal() + " " + d.name());
        }
        m.put("directions", dirs);
        List<String> codes = new ArrayList<>();
        for (DmaStatus.Code k : DmaStatus.Code.values()) {
            codes.add(k.ordinal() + " " + k.name());
        }
        m.put("status_codes", codes);
        m.put("sram_port", "sram_req_{valid,ready,write,addr (bus-word address),wdata,mask (byte enables)}, "
                + "sram_rsp_{valid,data}: reads answered in order, any latency, always accepted");
        return m;
    }

    private static List<String> fields(HwType.BundleType t) {
        List<String> out = new ArrayList<>();
        t.fields().forEach((name, type) -> out.add(name + ": " + type.width() + " bits"));
        return out;
    }
}
