/**
 * Devices as the device server sees them, in ophyd's vocabulary: {@link org.jbec.device.api.Signal}s
 * with a {@link org.jbec.device.api.Kind}, {@link org.jbec.device.api.Device}s made of components,
 * {@link org.jbec.device.api.Positioner}s, {@link org.jbec.device.api.Flyer}s, and
 * {@link org.jbec.device.api.DeviceStatus} objects for what takes time. Device bundles register
 * {@link org.jbec.device.api.DeviceFactory} services, one per class, under BEC's class names.
 */
@Export
@Version("1.2.0")
package org.jbec.device.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
