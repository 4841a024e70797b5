/**
 * The file-format SPI. The file writer collects a scan (points, baseline, configuration, metadata)
 * and hands it as a {@link org.jbec.file.api.ScanFile} to the {@link org.jbec.file.api.FileFormat}
 * service named by {@code file_writer.plugin} in the servers config.
 */
@Export
@Version("1.1.0")
package org.jbec.file.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
