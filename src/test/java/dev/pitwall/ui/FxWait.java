package dev.pitwall.ui;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.testfx.util.WaitForAsyncUtils;

/** Waiting for and reading the views on the JavaFX thread, where they live, from a test. */
public final class FxWait {

    private FxWait() {
    }

    /** Waits (bounded) for a condition, evaluated on the JavaFX thread. */
    public static void within(Duration limit, String what, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS, () -> onFx(condition));
        } catch (TimeoutException e) {
            throw new AssertionError("not within " + limit.toMillis() + " ms: " + what);
        }
    }

    /** Reads something on the JavaFX thread. */
    public static <T> T onFx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not read the view: " + e, e);
        }
    }
}
