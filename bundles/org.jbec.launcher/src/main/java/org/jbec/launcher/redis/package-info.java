/**
 * Finding, probing and starting a Redis server: used by the launcher (embedded Redis when none
 * answers) and by the test fixture (a private Redis per test run), so both choose the same binary.
 */
@Export
@Version("1.1.0")
package org.jbec.launcher.redis;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
