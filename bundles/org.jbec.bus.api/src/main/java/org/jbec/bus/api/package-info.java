/**
 * The bus: how a jBEC service or client reaches the Redis server that carries BEC's protocol.
 * <p>
 * Services never call each other's Java API; everything between them goes through Redis.
 */
@Export
@Version("1.3.0")
package org.jbec.bus.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
