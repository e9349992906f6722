package sohu.hdl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.UInt;

import java.util.List;
import org.junit.jupiter.api.Test;
import sohu.hdl.Bool;
import sohu.hdl.ClockDomain;
import sohu.hdl.Diagnostic;
import sohu.hdl.Elaborator;
import sohu.hdl.HdlException;
import sohu.hdl.InstanceHandle;
import sohu.hdl.Module;
import sohu.hdl.UInt;
import sohu.hdl.examples.ClockCrossing;
import sohu.hdl.ir.Circuit;
import sohu.hdl.lib.BitSynchronizer;

/** The clock-crossing check: raw crossings are located errors with a fix; synchronized ones pass. */
class ClockCrossingCheckTest {
    private static final int[] AT = new int[4];

    private static int line() {
        return StackWalker.getInstance().walk(s -> s.skip(1).findFirst().orElseThrow()).getLineNumber();
    }

    private static List<Diagnostic> errorsOf(Runnable elaboration) {
        return assertThrows(HdlException.class, elaboration::run).diagnostics();
    }

    private static void assertCrossing(Diagnostic d, int line, String... words) {
        assertEquals("clock-crossing", d.check(), d.toString());
        assertEquals("ClockCrossingCheckTest.java:" + line, d.loc().toString(), d.toString());
        for (String w : words) {
            assertTrue(d.toString().contains(w), "'" + w + "' missing from: " + d);
        }
        assertTrue(d.fix().contains("BitSynchronizer") && d.fix().contains("HandshakeSynchronizer"), d.fix());
    }

    @Test
    void aRegisterReadingAnotherDomainsRegisterIsReportedAtTheConnection() {
        List<Diagnostic> ds = errorsOf(() -> Elaborator.elaborate("RawCrossing", () -> new Module() { {
            ClockDomain a = clockDomain("clk_a", "rst_a", ClockDomain.Reset.SYNC_HIGH);
            ClockDomain b = clockDomain("clk_b", "aresetn", ClockDomain.Reset.ASYNC_LOW);
            Bool[] q = new Bool[1];
            withClock(a, () -> {
                q[0] = reg("flag_a", Bool(), 0);
                q[0].set(input("in_a", Bool()));
            });
            withClock(b, () -> {
                Bool r = reg("flag_b", Bool(), 0);
                r.set(q[0]); AT[0] = line();
                output("out_b", Bool()).set(r);
            });
        } }));
        assertEquals(1, ds.size(), ds.toString());
        assertCrossing(ds.get(0), AT[0], "register 'flag_b'", "clock domain clk_b", "'flag_a'", "clock domain clk_a");
    }

    @Test
    void crossingsThroughWiresAndConditionsAreFoundToo() {
        List<Diagnostic> ds = errorsOf(() -> Elaborator.elaborate("WireCrossing", () -> new Module() { {
            ClockDomain a = clockDomain("clk_a");
            ClockDomain b = clockDomain("clk_b");
            UInt[] count = new UInt[1];
            withClock(a, () -> {
                count[0] = reg("count_a", UInt(4));
                count[0].set(count[0].addWrap(1));
            });
            withClock(b, () -> {
                Bool big = wire("big", Bool());
                big.set(count[0].ge(8));
                UInt r = reg("hits_b", UInt(4));
                when(big, () -> r.set(r.addWrap(1))); AT[0] = line();
                output("hits", UInt(4)).set(r);
                UInt copy = output("copy_b", UInt(4));
                copy.set(count[0]); AT[1] = line();
            });
        } }));
        assertEquals(2, ds.size(), ds.toString());
        assertCrossing(ds.get(0), AT[0], "register 'hits_b'", "'count_a'");
        assertCrossing(ds.get(1), AT[1], "output 'copy_b'", "'count_a'");
    }

    @Test
    void aBitSynchronizerInTheDestinationDomainIsAccepted() {
        Circuit c = Elaborator.elaborate("SyncedBit", () -> new Module() { {
            ClockDomain a = clockDomain("clk_a");
            ClockDomain b = clockDomain("clk_b");
            Bool[] q = new Bool[1];
            withClock(a, () -> {
                q[0] = reg("flag_a", Bool());
                q[0].set(input("in_a", Bool()));
            });
            withClock(b, () -> {
                InstanceHandle s = instance("sync", BitSynchronizer.class, new BitSynchronizer.Params(2));
                s.bool("d").set(q[0]);
                Bool r = reg("flag_b", Bool());
                r.set(s.bool("q"));
                output("out_b", Bool()).set(r);
            });
        } });
        assertTrue(c.modules().stream().anyMatch(m -> m.name().equals("BitSynchronizer_s2")));
    }

    @Test
    void theTwoClockExampleIsAccepted() {
        Circuit c = Elaborator.elaborate(ClockCrossing.class, new ClockCrossing.Params(8));
        assertEquals("ClockCrossing_w8", c.top());
    }

    @Test
    void aResetValueInADomainWithoutResetIsAnError() {
        HdlException e = assertThrows(HdlException.class, () -> Elaborator.elaborate("NoReset", () -> new Module() { {
            ClockDomain a = clockDomain("clk_a");
            withClock(a, () -> {
                AT[0] = line() + 1;
                UInt r = reg("r", UInt(2), 1);
                r.set(r);
                output("y", UInt(2)).set(r);
            });
        } }));
        Diagnostic d = e.diagnostics().get(0);
        assertTrue(d.message().contains("clk_a") && d.message().contains("no reset"), d.toString());
        assertEquals("ClockCrossingCheckTest.java:" + AT[0], d.loc().toString());
    }

    @Test
    void misusedVerificationCallsAreLocatedErrors() {
        HdlException format = assertThrows(HdlException.class, () -> Elaborator.elaborate("BadDisplay", () -> new Module() { {
            UInt r = reg("r", UInt(2));
            r.set(r);
            output("y", UInt(2)).set(r);
            AT[0] = line() + 1;
            display("r=%0d and %s", r);
        } }));
        assertTrue(format.getMessage().contains("ClockCrossingCheckTest.java:" + AT[0]), format.getMessage());
        assertTrue(format.getMessage().contains("unsupported specifier"), format.getMessage());
        HdlException name = assertThrows(HdlException.class, () -> Elaborator.elaborate("BadCover", () -> new Module() { {
            Bool a = input("a", Bool());
            AT[1] = line() + 1;
            cover(a, "a is high");
        } }));
        assertTrue(name.getMessage().contains("ClockCrossingCheckTest.java:" + AT[1]) && name.getMessage().contains("identifier"),
                name.getMessage());
    }
}
