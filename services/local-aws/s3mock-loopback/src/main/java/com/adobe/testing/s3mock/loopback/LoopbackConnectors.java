package com.adobe.testing.s3mock.loopback;

import org.apache.catalina.connector.Connector;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Binds every Tomcat connector of S3Mock to 127.0.0.1. S3Mock adds a plain-HTTP connector of its own beside the one
 * {@code server.address} configures, and that one listens on every interface; a local stand-in whose credentials are
 * public must not. The package is S3Mock's, so its component scan finds this class.
 */
@Component
public class LoopbackConnectors implements BeanPostProcessor {
    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof Connector connector) {
            connector.setProperty("address", "127.0.0.1");
        }
        return bean;
    }
}
