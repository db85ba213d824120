import { redirect } from "next/navigation";

// The polls list is the tenant's home page.
export default function PollsIndex() {
  redirect("/");
}
