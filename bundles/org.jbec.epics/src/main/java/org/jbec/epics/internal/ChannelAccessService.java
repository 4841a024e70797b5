package org.jbec.epics.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jbec.epics.api.ChannelAccess;
import org.jbec.epics.api.EpicsException;
import org.jbec.epics.api.PvChannel;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gov.aps.jca.CAException;
import gov.aps.jca.Context;
import gov.aps.jca.JCALibrary;
import gov.aps.jca.configuration.DefaultConfiguration;

/**
 * The framework's Channel Access client: one CAJ context, created on first use, and one shared
 * channel per PV. Where to look for IOCs comes from framework properties (EPICS's names):
 * {@code jbec.epics.addr_list} (EPICS_CA_ADDR_LIST), {@code jbec.epics.auto_addr_list},
 * {@code jbec.epics.server_port}, {@code jbec.epics.repeater_port}.
 */
@Component(service = ChannelAccess.class)
public final class ChannelAccessService implements ChannelAccess {

    private final Logger logger = LoggerFactory.getLogger(ChannelAccessService.class);
    private final Map<String, String> settings;
    private final Map<String, CaChannel> channels = new ConcurrentHashMap<>();
    private Context context;

    @Activate
    public ChannelAccessService(BundleContext bundleContext) {
        this(Map.of("addr_list", property(bundleContext, "addr_list", System.getenv().getOrDefault("EPICS_CA_ADDR_LIST", "")),
                "auto_addr_list", property(bundleContext, "auto_addr_list",
                        System.getenv().getOrDefault("EPICS_CA_AUTO_ADDR_LIST", "YES").equalsIgnoreCase("NO") ? "false" : "true"),
                "server_port", property(bundleContext, "server_port", System.getenv().getOrDefault("EPICS_CA_SERVER_PORT", "5064")),
                "repeater_port", property(bundleContext, "repeater_port", "5065")));
    }

    /** For tests: the CAJ settings by EPICS name (addr_list, auto_addr_list, server_port, repeater_port). */
    ChannelAccessService(Map<String, String> settings) {
        this.settings = settings;
    }

    private static String property(BundleContext context, String key, String fallback) {
        String v = context.getProperty("jbec.epics." + key);
        return v == null ? fallback : v;
    }

    private synchronized Context context() throws CAException {
        if (context == null) {
            // a beamline runs its caRepeater; jBEC must not start a detached one per framework
            if (System.getProperty("CA_DISABLE_REPEATER") == null) {
                System.setProperty("CA_DISABLE_REPEATER", "true");
            }
            DefaultConfiguration c = new DefaultConfiguration("jbec");
            c.setAttribute("class", JCALibrary.CHANNEL_ACCESS_JAVA);
            settings.forEach((k, v) -> {
                if (!v.isEmpty()) {
                    c.setAttribute(k, v);
                }
            });
            context = JCALibrary.getInstance().createContext(c);
            logger.info("Channel Access context up: {}", settings);
        }
        return context;
    }

    @Override
    public PvChannel channel(String pv) {
        return channels.computeIfAbsent(pv, name -> {
            try {
                return new CaChannel(context(), name);
            } catch (CAException | IllegalStateException e) {
                throw new EpicsException(name + ": channel not created: " + e.getMessage(), e);
            }
        });
    }

    @Deactivate
    synchronized void stop() {
        channels.values().forEach(CaChannel::destroy);
        channels.clear();
        if (context != null) {
            try {
                context.destroy();
            } catch (CAException | IllegalStateException e) {
                logger.warn("Channel Access context not closed cleanly: {}", e.toString());
            }
            context = null;
        }
    }
}
