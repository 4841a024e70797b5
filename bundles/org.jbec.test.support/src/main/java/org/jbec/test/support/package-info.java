/** Test fixtures shared by jBEC's unit and in-framework tests. Never deployed. */
@Export
@Version("1.0.0")
package org.jbec.test.support;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
