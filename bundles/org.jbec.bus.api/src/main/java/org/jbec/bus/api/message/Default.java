package org.jbec.bus.api.message;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value a message field takes when it is missing on the wire, as BEC's model declares it.
 * The value is a literal: {@code null}, {@code true}, {@code false}, a number ({@code 0},
 * {@code 60.0}), a JSON string ({@code "primary"}), {@code {}}, {@code []}, {@code [{}, null]};
 * or one of the factories {@code now} (seconds since the epoch), {@code uuid4}, {@code versions}
 * (ServiceVersions, all "Not found"). A component without it is required.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Default {
    String value();
}
