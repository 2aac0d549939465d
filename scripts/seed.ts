// npm run db:seed — resets the database (DATABASE_PATH, default data/app.db) to the demo council.
// Stop the server first: a running server keeps sessions and sockets of users that no longer exist.
import { migrate } from "../app/models/db.server";
import { reseedDemo } from "../app/models/demo.server";

migrate();
await reseedDemo();
console.log("Đã tạo lại dữ liệu mẫu (HĐND tỉnh Lâm Hà). / Demo council re-seeded.");
