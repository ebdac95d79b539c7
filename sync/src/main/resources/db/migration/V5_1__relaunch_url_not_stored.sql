-- A relaunch URL carries a single-use authorize token, a bearer credential: it is now minted when the URL is read
-- or sent, never stored. Outbound event and webhook bodies are stored AES-GCM encrypted from now on (rows written
-- before stay readable as JSON text until flinks4j rotate-key re-encrypts them).
alter table retrievals drop column relaunch_url;
