package org.jbec.file.api;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A file format: writes one scan's master file. Registered as a service with the property
 * {@value #NAME} (BEC's plugin name, e.g. {@code default_NeXus_format}); the writer uses the one
 * the servers config names in {@code file_writer.plugin}.
 */
@ConsumerType
public interface FileFormat {

    /** Service property: the format's name. */
    String NAME = "file.format";

    /**
     * Writes the file. The writer gives a temporary path and renames it when this returns; an
     * exception makes the scan's file unsuccessful (MINOR alarm, history entry with the reason).
     */
    void write(ScanFile scan, Path target) throws IOException;
}
