/**
 * EPICS Channel Access for device classes: {@link org.jbec.epics.api.ChannelAccess} hands out shared
 * {@link org.jbec.epics.api.PvChannel}s with connection state, gets, puts with callback and monitors.
 * No JCA type crosses this API, so device bundles never import JCA.
 */
@Export
@Version("1.0.0")
package org.jbec.epics.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
