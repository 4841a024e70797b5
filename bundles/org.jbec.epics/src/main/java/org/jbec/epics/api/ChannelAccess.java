package org.jbec.epics.api;

import org.osgi.annotation.versioning.ProviderType;

/** The framework's Channel Access client: one context, one channel per PV name, shared by all devices. */
@ProviderType
public interface ChannelAccess {

    /** The channel of a PV, created (and connecting in the background) on first use. */
    PvChannel channel(String pv);
}
