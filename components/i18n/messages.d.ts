// The UI's strings typed from the English file: a key the code asks for and en.json lacks (a new
// enum value, a typo) fails `tsc`, not a reader's page. pt-PT has the same keys (tests/i18n).
import type en from "../../messages/en.json";

declare module "next-intl" {
  interface AppConfig {
    Messages: typeof en;
  }
}
