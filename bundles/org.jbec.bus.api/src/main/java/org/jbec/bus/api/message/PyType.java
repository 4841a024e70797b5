package org.jbec.bus.api.message;

/** A Python class object sent in a {@code type} envelope ({@code {type_name, module}}). */
public record PyType(String typeName, String module) {
}
