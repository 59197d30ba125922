// The Dutch catalogue, one file per part of the app (so parts can be translated and reviewed apart).
import audit from "./audit.json";
import auth from "./auth.json";
import cohorts from "./cohorts.json";
import core from "./core.json";
import customerTable from "./customer-table.json";
import customers from "./customers.json";
import decisions from "./decisions.json";
import filters from "./filters.json";
import history from "./history.json";
import importPage from "./import.json";
import model from "./model.json";
import overview from "./overview.json";
import present from "./present.json";
import privacy from "./privacy.json";
import report from "./report.json";
import quadrants from "./quadrants.json";
import segments from "./segments.json";
import settings from "./settings.json";
import uncertainty from "./uncertainty.json";

const messages = { ...core, ...overview, ...importPage, ...settings, ...quadrants, ...segments, ...customers, ...customerTable, ...cohorts, ...filters, ...present, ...report, ...uncertainty, ...model, ...history, ...decisions, ...privacy, ...auth, ...audit };
export default messages;
