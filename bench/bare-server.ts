// The ceiling: a bare node:http server answering every request with the same bytes and headers as `/`.
import fs from "node:fs";
import http from "node:http";

const [file, port] = process.argv.slice(2);
const body = fs.readFileSync(file);
const headers = JSON.parse(fs.readFileSync(`${file}.headers.json`, "utf8")) as Record<string, string>;
http
  .createServer((_req, res) => {
    res.writeHead(200, { ...headers, "content-length": body.length });
    res.end(body);
  })
  .listen(Number(port), "127.0.0.1", () => process.send?.("ready"));
