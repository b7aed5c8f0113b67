/**
 * Practice management: matters, contacts and time entries flow in from the firm's practice-management system, and a
 * client's correction of their own contact details flows back. One adapter today, {@code practice.clio} (Clio Manage);
 * its ops lever is the {@link org.matterhub.routes.vendor.ConnectionSync} port, found through the vendor registry.
 */
package org.matterhub.routes.practice;
