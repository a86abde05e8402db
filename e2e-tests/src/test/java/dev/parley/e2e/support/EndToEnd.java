package dev.parley.e2e.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that drives the running product (see {@link RunningProduct}). No test may run longer than three
 * minutes: whatever hangs fails instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RunningProduct.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
public @interface EndToEnd {
}
