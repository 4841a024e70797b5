/**
 * The service lifecycle of BEC (bec-protocol.md §5.6, §5.7): services announce themselves with a
 * heartbeat, unique services refuse to start twice, alarms reach every client.
 */
@Export
@Version("1.0.0")
package org.jbec.service;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
