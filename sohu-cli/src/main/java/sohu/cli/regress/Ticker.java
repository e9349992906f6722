package sohu.cli.regress;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs an action at a fixed rate on a daemon thread until closed (redraws the progress bar's clock). */
final class Ticker implements AutoCloseable {
    private final ScheduledExecutorService timer;

    private Ticker(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    static Ticker every(long millis, Runnable action) {
        ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread th = new Thread(r, "sohu-progress");
            th.setDaemon(true);
            return th;
        });
        t.scheduleAtFixedRate(action, millis, millis, TimeUnit.MILLISECONDS);
        return new Ticker(t);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
