package dev.cloudgallery.platform.queue;

import java.time.Duration;

/**
 * What an EventBridge schedule does for a deployed worker that has no queue, for one run as a process (local runs,
 * compose): runs it every {@code interval} until the thread is interrupted. A failed run is logged and the next one
 * comes on time, as the next scheduled invocation would.
 */
public final class Schedule {
    private static final System.Logger LOG = System.getLogger(Schedule.class.getName());

    private Schedule() {
    }

    public static void every(Duration interval, Runnable run) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                run.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "The scheduled run failed; it runs again in " + interval, e);
            }
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
