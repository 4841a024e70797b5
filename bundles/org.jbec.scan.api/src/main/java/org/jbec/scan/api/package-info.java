/**
 * The scan SPI. A scan bundle registers one {@link org.jbec.scan.api.ScanDefinition} service per
 * scan; its {@link org.jbec.scan.api.ScanDescription} is what BEC publishes for the scan on
 * {@code info/scans/available_scans}, and what the scan guard checks requests against.
 */
@Export
@Version("1.0.0")
package org.jbec.scan.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
