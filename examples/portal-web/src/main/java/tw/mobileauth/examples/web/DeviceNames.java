package tw.mobileauth.examples.web;

import tw.mobileauth.client.DeviceClass;
import tw.mobileauth.i18n.LocalizedText;

/** A {@link DeviceClass} as the pages name it to a person, in zh-TW and English (never the enum constant). */
final class DeviceNames {

    private DeviceNames() {
    }

    /** e.g. 桌上型電腦 / desktop for {@link DeviceClass#DESKTOP}. */
    static LocalizedText of(DeviceClass deviceClass) {
        return switch (deviceClass) {
            case SMARTPHONE -> new LocalizedText("智慧型手機", "smartphone");
            case FEATURE_PHONE -> new LocalizedText("功能型手機", "feature phone");
            case TABLET_WITH_SIM -> new LocalizedText("平板電腦(有SIM卡)", "tablet with a SIM card");
            case TABLET_WITHOUT_SIM -> new LocalizedText("平板電腦(無SIM卡)", "tablet without a SIM card");
            case DESKTOP -> new LocalizedText("桌上型電腦", "desktop");
        };
    }
}
