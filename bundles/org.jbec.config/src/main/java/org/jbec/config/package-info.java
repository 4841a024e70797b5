/**
 * jBEC's YAML configuration: a located YAML reader (every value knows its file and line) and the
 * servers configuration in BEC's shape, validated with errors that name file:line and key.
 */
@Export
@Version("1.2.0")
package org.jbec.config;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
