package org.jbec.web.internal;

import java.io.IOException;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;

/**
 * {@code /jbec} and {@code /jbec/}, the address operators are given, lead to the page (itself a
 * resource under {@code /jbec/ui/}). Registered as {@code /jbec/*} because the whiteboard accepts no
 * pattern ending in a slash; the longer and exact patterns of the other servlets still win, and any
 * other path below {@code /jbec/} is a 404.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/jbec/*",
        "osgi.http.whiteboard.servlet.name=jbec-web-index" })
public final class IndexRedirectServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String rest = request.getPathInfo();
        if (rest == null || rest.equals("/")) {
            response.sendRedirect(request.getContextPath() + "/jbec/ui/index.html");
        } else {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }
}
