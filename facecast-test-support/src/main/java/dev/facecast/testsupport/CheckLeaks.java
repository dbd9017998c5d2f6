package dev.facecast.testsupport;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Fails a test that leaves Facecast threads or libwebrtc frames behind: see {@link LeakCheck}.
 * For every test that starts sessions, publishers or servers.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(LeakCheck.class)
public @interface CheckLeaks {
}
