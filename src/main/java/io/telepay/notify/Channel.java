package io.telepay.notify;

public enum Channel {
    SMS, EMAIL
}
