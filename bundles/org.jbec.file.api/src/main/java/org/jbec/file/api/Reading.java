package org.jbec.file.api;

/** One value of a signal with its timestamp (baseline and configuration readings). */
public record Reading(Object value, double timestamp) {
}
