package org.jbec.device.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public method of a device class that users may call remotely (BEC's USER_ACCESS): the
 * device server offers it in the device info and executes it for RPC instructions.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface UserAccess {
    /** The doc shown to users. */
    String value() default "";
}
