package org.jbec.web.internal;

import org.osgi.service.component.annotations.Component;

/**
 * The page's files (HTML, JS, CSS and the bundled uPlot) served from this bundle's {@code /web}
 * folder under {@code /jbec/ui/}: a whiteboard resource registration needs a service, not code.
 */
@Component(service = WebResources.class, property = {
        "osgi.http.whiteboard.resource.pattern=/jbec/ui/*",
        "osgi.http.whiteboard.resource.prefix=/web" })
public final class WebResources {
}
