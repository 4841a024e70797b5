/**
 * BEC's message and model classes as Java records, in wire order, with their defaults
 * ({@link org.jbec.bus.api.message.Default}) and allowed values; plus the value types that travel in
 * codec envelopes: numpy arrays and scalars, complex numbers, sets, enums.
 */
@Export
@Version("1.1.0")
package org.jbec.bus.api.message;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
