// The Casebook desktop application. Everything lives in casebook_ui; see ui/shell/App.h.
#include "shell/App.h"

int main(int argc, char** argv) { return cb::ui::runCasebook(argc, argv); }
