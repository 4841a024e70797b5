/** What the launcher starts, for whoever else boots the same runtime (the in-framework tests). */
@Export
@Version("1.1.0")
package org.jbec.launcher;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
