#pragma once

namespace hb::cc {
class ControlClient;
class LiveModels;
} // namespace hb::cc

namespace hb::ui {

class AppSettings;

// What every view works with: the connection (for actions), the live models (for display)
// and the remembered settings (for its layout). Owned by the application, outlives the views.
struct ViewContext
{
    hb::cc::ControlClient *client = nullptr;
    hb::cc::LiveModels *models = nullptr;
    AppSettings *settings = nullptr;
};

} // namespace hb::ui
