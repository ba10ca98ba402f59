/**
 * The ITs' echo application (deployed only in a copy of Ferry's WAR): a SIP servlet that answers
 * OPTIONS, REGISTER and MESSAGE with 200 and other methods with 501, and uses Ferry's flow
 * extension to send a request back on the flow a MESSAGE came on.
 */
@SipApplication(name = "ferry-test-echo")
package io.ferry.testapp;

import javax.servlet.sip.annotation.SipApplication;
