/*
 * The socket.io client runs only in the browser (the chat hook opens it in an effect). As a `.client`
 * module the server build gets an empty module instead, so the server process never loads it.
 */
export { io } from 'socket.io-client';
