// One namespace's messages in every language (see core/i18n/catalog.ts). Every namespace folder has this same file.
import type { Locale } from "@/core/i18n/locales";
import ar from "./ar.json";
import de from "./de.json";
import en from "./en.json";
import es from "./es.json";
import fr from "./fr.json";
import ja from "./ja.json";
import nl from "./nl.json";
import ptBR from "./pt-BR.json";

const messages: Record<Locale, typeof en> = { en, de, fr, es, nl, "pt-BR": ptBR, ja, ar };
export default messages;
