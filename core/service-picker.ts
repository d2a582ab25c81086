// The shape of the console's per-service status pickers: built by the services (services/console) from the
// service tree, drawn by components/admin/service-status-picker.tsx. Here so neither imports the other.
import type { ComponentStatus } from "@/db/constants";

export interface PickerService {
  id: string;
  name: string;
  status: ComponentStatus;
}
export interface PickerGroup {
  /** null for services outside any group. */
  name: string | null;
  services: PickerService[];
}
