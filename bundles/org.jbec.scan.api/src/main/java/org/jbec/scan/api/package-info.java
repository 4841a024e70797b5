/**
 * The scan SPI. A scan bundle registers one {@link org.jbec.scan.api.ScanDefinition} service per
 * scan; its {@link org.jbec.scan.api.ScanDescription} is what BEC publishes for the scan on
 * {@code info/scans/available_scans}, and what the scan guard checks requests against. Each run is a
 * {@link org.jbec.scan.api.Scan} driven through the {@link org.jbec.scan.api.ScanContext} (BEC's scan
 * actions). 2.0.0: definitions create runs (a consumer-type change).
 */
@Export
@Version("2.1.0")
package org.jbec.scan.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
