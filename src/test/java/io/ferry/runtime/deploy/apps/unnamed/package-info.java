/** Broken test application: {@code @SipApplication} without a name. */
@SipApplication
package io.ferry.runtime.deploy.apps.unnamed;

import javax.servlet.sip.annotation.SipApplication;
